# UI strings of the search button and dialog (templates/partials/search-dialog.html and
# static/theme/search.js), in Japanese.
#
# Translated from `locales/en/search.ftl` (the reference language): same
# message ids, same variables.
#
# Japanese has a single plural form: select expressions only need *[other].
# The keyboard help reads after its keys: "↑↓ で移動", "↵ で開く", "Esc で閉じる".

## The button in the header

# Opens the search dialog.
search-button = 検索
# Tooltip of the button: the keys that open search.
search-shortcut-hint = 検索（/ または Ctrl+K）

## The dialog

# Accessible name of the dialog.
search-dialog-label = ドキュメントを検索
# Accessible name of the search field.
search-input-label = 検索キーワード
search-input-placeholder = ドキュメントを検索…
# Button that closes the dialog.
search-close = 検索を閉じる
# Accessible name of the list of results.
search-results-label = 検索結果
# Accessible name of the row of buttons that filter results by top-level section.
search-filters-label = セクションで絞り込む
# The filter button that shows results from every section.
search-filter-all = すべて
# Shown before anything is typed.
search-empty-state = キーワードを入力すると、タイトル・見出し・本文を検索します。
# Shown when nothing matches. $query: what was typed.
search-no-results = 「{ $query }」に一致する結果はありません
# Above the results. $count: how many pages match.
search-results-count = { $count ->
   *[other] { $count }件の結果
}
# Shown when the index cannot be loaded.
search-error = 現在、検索を利用できません。
# Button below the results.
search-more = さらに結果を表示
search-loading = 読み込み中…
# Keyboard help at the bottom of the dialog, each after its keys (↑ ↓, ↵, Esc).
search-help-navigate = で移動
search-help-open = で開く
search-help-close = で閉じる
