from politzek.cli import main

main()
