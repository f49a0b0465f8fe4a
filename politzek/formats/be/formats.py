# Belarusian formats, which Django does not ship (it has ru and uk): without them a Belarusian
# page wrote 54.1 and "Вер. 15, 2026" in English order beside CLDR's "15 верасня 2026 г.".
# The same conventions as CLDR's Belarusian data (Babel): a comma for decimals, a no-break
# space between thousands. Dates in digits: Django's Belarusian month names are in the classical
# orthography (верасьня), where the pages' CLDR dates (politzek_labels.pdate) write верасня.
DATE_FORMAT = "d.m.Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "d.m.Y H:i"
YEAR_MONTH_FORMAT = "m.Y"
MONTH_DAY_FORMAT = "d.m"
SHORT_DATE_FORMAT = "d.m.Y"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
FIRST_DAY_OF_WEEK = 1  # Monday

DATE_INPUT_FORMATS = ["%d.%m.%Y", "%d.%m.%y", "%Y-%m-%d"]
DATETIME_INPUT_FORMATS = ["%d.%m.%Y %H:%M:%S", "%d.%m.%Y %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M"]
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\xa0"  # a no-break space
NUMBER_GROUPING = 3
