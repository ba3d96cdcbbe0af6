# UI strings of the search button and dialog (templates/partials/search-dialog.html and
# static/theme/search.js), in Arabic (Modern Standard Arabic).
#
# Translated from `locales/en/search.ftl` (the reference language): same
# message ids, same variables.
#
# Arabic plural categories (CLDR): zero (0), one (1), two (2), few (3–10),
# many (11–99), other (100–102…). Counted nouns: نتيجة واحدة، نتيجتان،
# 3–10 نتائج (plural), 11–99 نتيجة (singular accusative), 100 نتيجة (genitive).
# Quotation marks: «…».

## The button in the header

# Opens the search dialog.
search-button = بحث
# Tooltip of the button: the keys that open search.
search-shortcut-hint = بحث (/ أو Ctrl+K)

## The dialog

# Accessible name of the dialog.
search-dialog-label = البحث في التوثيق
# Accessible name of the search field.
search-input-label = كلمات البحث
search-input-placeholder = ابحث في التوثيق…
# Button that closes the dialog.
search-close = إغلاق البحث
# Accessible name of the list of results.
search-results-label = النتائج
# Accessible name of the row of buttons that filter results by top-level section.
search-filters-label = تصفية حسب القسم
# The filter button that shows results from every section.
search-filter-all = الكل
# Shown before anything is typed.
search-empty-state = اكتب للبحث في العناوين والعناوين الفرعية والنص.
# Shown when nothing matches. $query: what was typed.
search-no-results = لا توجد نتائج لـ«{ $query }»
# Above the results. $count: how many pages match.
search-results-count = { $count ->
    [zero] لا توجد نتائج
    [one] نتيجة واحدة
    [two] نتيجتان
    [few] { $count } نتائج
    [many] { $count } نتيجة
   *[other] { $count } نتيجة
}
# Shown when the index cannot be loaded.
search-error = البحث غير متاح حاليًا.
# Button below the results.
search-more = عرض المزيد من النتائج
search-loading = جارٍ التحميل…
# Keyboard help at the bottom of the dialog, each after its keys (↑ ↓, ↵, Esc).
search-help-navigate = للتنقل
search-help-open = للفتح
search-help-close = للإغلاق
