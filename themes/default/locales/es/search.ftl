# UI strings of the search button and dialog (templates/partials/search-dialog.html and
# static/theme/search.js), in Spanish.
#
# Translated from `locales/en/search.ftl` (the reference language): same
# message ids, same variables.
#
# Style: neutral Spanish, addressing the reader as "tú", as in ui.ftl.
# Quotation marks: «…», as the RAE recommends.

## The button in the header

# Opens the search dialog.
search-button = Buscar
# Tooltip of the button: the keys that open search.
search-shortcut-hint = Buscar (/ o Ctrl+K)

## The dialog

# Accessible name of the dialog.
search-dialog-label = Buscar en la documentación
# Accessible name of the search field.
search-input-label = Buscar
search-input-placeholder = Buscar en la documentación…
# Button that closes the dialog.
search-close = Cerrar la búsqueda
# Accessible name of the list of results.
search-results-label = Resultados
# Accessible name of the row of buttons that filter results by top-level section.
search-filters-label = Filtrar por sección
# The filter button that shows results from every section ("todas las secciones").
search-filter-all = Todas
# Shown before anything is typed.
search-empty-state = Escribe para buscar en títulos, encabezados y texto.
# Shown when nothing matches. $query: what was typed.
search-no-results = No hay resultados para «{ $query }»
# Above the results. $count: how many pages match.
search-results-count = { $count ->
    [one] { $count } resultado
   *[other] { $count } resultados
}
# Shown when the index cannot be loaded.
search-error = La búsqueda no está disponible en este momento.
# Button below the results.
search-more = Mostrar más resultados
search-loading = Cargando…
# Keyboard help at the bottom of the dialog, each after its keys (↑ ↓, ↵, Esc).
search-help-navigate = para moverte
search-help-open = para abrir
search-help-close = para cerrar
