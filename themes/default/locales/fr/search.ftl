# UI strings of the search button and dialog (templates/partials/search-dialog.html and
# static/theme/search.js), in French.
#
# Translated from `locales/en/search.ftl` (the reference language): same
# message ids, same variables.
#
# Typography: a no-break space (U+00A0) follows « and precedes », as French
# typography requires.
#
# French plural categories: one (0 and 1) and other. Zero results take the
# singular, as French does: « 0 résultat ».

## The button in the header

# Opens the search dialog.
search-button = Rechercher
# Tooltip of the button: the keys that open search.
search-shortcut-hint = Rechercher (/ ou Ctrl+K)

## The dialog

# Accessible name of the dialog.
search-dialog-label = Rechercher dans la documentation
# Accessible name of the search field.
search-input-label = Rechercher
search-input-placeholder = Rechercher dans la documentation…
# Button that closes the dialog.
search-close = Fermer la recherche
# Accessible name of the list of results.
search-results-label = Résultats
# Accessible name of the row of buttons that filter results by top-level section.
search-filters-label = Filtrer par section
# The filter button that shows results from every section (« toutes les sections »).
search-filter-all = Toutes
# Shown before anything is typed.
search-empty-state = Saisissez des mots pour chercher dans les titres, les intertitres et le texte.
# Shown when nothing matches. $query: what was typed.
search-no-results = Aucun résultat pour « { $query } »
# Above the results. $count: how many pages match.
search-results-count = { $count ->
    [one] { $count } résultat
   *[other] { $count } résultats
}
# Shown when the index cannot be loaded.
search-error = La recherche n’est pas disponible pour le moment.
# Button below the results.
search-more = Afficher plus de résultats
search-loading = Chargement…
# Keyboard help at the bottom of the dialog, each after its keys (↑ ↓, ↵, Esc).
search-help-navigate = pour naviguer
search-help-open = pour ouvrir
search-help-close = pour fermer
