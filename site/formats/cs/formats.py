# Czech typography: non-breaking-space-free "2. 8. 2024" and "9:00", as Czech offices write.
DATE_FORMAT = "j. n. Y"
TIME_FORMAT = "G:i"
DATETIME_FORMAT = "j. n. Y, G:i"
SHORT_DATE_FORMAT = "j. n. Y"
SHORT_DATETIME_FORMAT = "j. n. Y G:i"
MONTH_DAY_FORMAT = "j. n."
YEAR_MONTH_FORMAT = "F Y"
FIRST_DAY_OF_WEEK = 1
DATE_INPUT_FORMATS = ["%d.%m.%Y", "%d. %m. %Y", "%Y-%m-%d"]
DATETIME_INPUT_FORMATS = ["%d.%m.%Y %H:%M", "%d. %m. %Y %H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M"]
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\xa0"
NUMBER_GROUPING = 3
