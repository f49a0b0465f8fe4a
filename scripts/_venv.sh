# Sourced by scripts/run and scripts/test: make ./.venv and install politzek into it, again
# only when pyproject.toml changed. Usage: ensure_venv "" | ensure_venv "[test]"
ensure_venv() {
  local extras="$1"
  local venv="${POLITZEK_VENV:-.venv}"
  local python="${PYTHON:-python3}"
  if [ ! -x "$venv/bin/python" ]; then
    echo "politzek: creating the virtual environment in $venv"
    "$python" -m venv "$venv"
  fi
  local stamp="$venv/.installed$extras"
  local wanted
  wanted=$(sha256sum pyproject.toml | cut -d' ' -f1)
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$wanted" ]; then
    echo "politzek: installing politzek$extras and its dependencies into $venv" \
         "(a few minutes the first time; pip shows its progress)"
    "$venv/bin/python" -m pip install --quiet --upgrade pip
    # PyICU is built from source unless pip has built it before: make sure it can be.
    "$venv/bin/python" -c "import icu" 2>/dev/null || "$(dirname "${BASH_SOURCE[0]}")/install-system-deps" build
    "$venv/bin/python" -m pip install --progress-bar on -e ".$extras"
    echo "$wanted" > "$stamp"
  fi
  VENV="$venv"
}
