# UI strings of the search button and dialog (templates/partials/search-dialog.html and
# static/theme/search.js), in German.
#
# Translated from `locales/en/search.ftl` (the reference language): same
# message ids, same variables.
#
# Style: as in ui.ftl, the reader is not addressed directly (no "du"/"Sie").
# German keyboards label the Control key "Strg"; quotation marks are „…“.

## The button in the header

# Opens the search dialog.
search-button = Suchen
# Tooltip of the button: the keys that open search.
search-shortcut-hint = Suchen (/ oder Strg+K)

## The dialog

# Accessible name of the dialog.
search-dialog-label = Dokumentation durchsuchen
# Accessible name of the search field.
search-input-label = Suchbegriff
search-input-placeholder = Dokumentation durchsuchen …
# Button that closes the dialog.
search-close = Suche schließen
# Accessible name of the list of results.
search-results-label = Ergebnisse
# Accessible name of the row of buttons that filter results by top-level section.
search-filters-label = Nach Bereich filtern
# The filter button that shows results from every section.
search-filter-all = Alle
# Shown before anything is typed.
search-empty-state = Suchbegriff eingeben, um Titel, Überschriften und Text zu durchsuchen.
# Shown when nothing matches. $query: what was typed.
search-no-results = Keine Ergebnisse für „{ $query }“
# Above the results. $count: how many pages match.
search-results-count = { $count ->
    [one] { $count } Ergebnis
   *[other] { $count } Ergebnisse
}
# Shown when the index cannot be loaded.
search-error = Die Suche ist zurzeit nicht verfügbar.
# Button below the results.
search-more = Weitere Ergebnisse anzeigen
search-loading = Wird geladen…
# Keyboard help at the bottom of the dialog, each after its keys (↑ ↓, ↵, Esc).
search-help-navigate = zum Navigieren
search-help-open = zum Öffnen
search-help-close = zum Schließen
