# UI strings of the search button and dialog (templates/partials/search-dialog.html and
# static/theme/search.js), in English (the reference language).

## The button in the header

# Opens the search dialog.
search-button = Search
# Tooltip of the button: the keys that open search.
search-shortcut-hint = Search (/ or Ctrl+K)

## The dialog

# Accessible name of the dialog.
search-dialog-label = Search the documentation
# Accessible name of the search field.
search-input-label = Search
search-input-placeholder = Search the documentation…
# Button that closes the dialog.
search-close = Close search
# Accessible name of the list of results.
search-results-label = Results
# Accessible name of the row of buttons that filter results by top-level section.
search-filters-label = Filter by section
# The filter button that shows results from every section.
search-filter-all = All
# Shown before anything is typed.
search-empty-state = Type to search titles, headings and text.
# Shown when nothing matches. $query: what was typed.
search-no-results = No results for “{ $query }”
# Above the results. $count: how many pages match.
search-results-count = { $count ->
    [one] 1 result
   *[other] { $count } results
}
# Shown when the index cannot be loaded.
search-error = Search is not available right now.
# Button below the results.
search-more = Show more results
# A result whose title and excerpt are still loading (its accessible name).
search-loading = Loading…
# Keyboard help at the bottom of the dialog, each after its keys (↑ ↓, ↵, Esc).
search-help-navigate = to move
search-help-open = to open
search-help-close = to close
