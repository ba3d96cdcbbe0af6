# UI strings of the search button and dialog (templates/partials/search-dialog.html and
# static/theme/search.js), in Simplified Chinese.
#
# Translated from `locales/en/search.ftl` (the reference language): same
# message ids, same variables.
#
# Chinese has a single plural form: select expressions only need *[other].
# Style, as in ui.ftl: the reader is addressed as "你"; a space separates
# Chinese text from numbers and Latin words.

## The button in the header

# Opens the search dialog.
search-button = 搜索
# Tooltip of the button: the keys that open search.
search-shortcut-hint = 搜索（/ 或 Ctrl+K）

## The dialog

# Accessible name of the dialog.
search-dialog-label = 搜索文档
# Accessible name of the search field.
search-input-label = 搜索关键词
search-input-placeholder = 搜索文档…
# Button that closes the dialog.
search-close = 关闭搜索
# Accessible name of the list of results.
search-results-label = 搜索结果
# Accessible name of the row of buttons that filter results by top-level section.
search-filters-label = 按章节筛选
# The filter button that shows results from every section.
search-filter-all = 全部
# Shown before anything is typed.
search-empty-state = 输入关键词，搜索标题、小标题和正文。
# Shown when nothing matches. $query: what was typed.
search-no-results = 没有找到与“{ $query }”相关的结果
# Above the results. $count: how many pages match.
search-results-count = { $count ->
   *[other] { $count } 个结果
}
# Shown when the index cannot be loaded.
search-error = 搜索功能暂时不可用。
# Button below the results.
search-more = 显示更多结果
search-loading = 加载中…
# Keyboard help at the bottom of the dialog, each after its keys (↑ ↓, ↵, Esc).
search-help-navigate = 切换
search-help-open = 打开
search-help-close = 关闭
