# Page d’état des traductions.

translation-status-title = État des traductions
translation-status-intro = { $count ->
    [one] Le site compte { $count } page en { $language }. Voici où en est chaque traduction, et où de l’aide est la bienvenue.
   *[other] Le site compte { $count } pages en { $language }. Voici où en est chaque traduction, et où de l’aide est la bienvenue.
}
translation-status-summary = Toutes les langues
translation-status-one-language = Ce site n’est publié que dans une seule langue.
translation-status-language = Langue
translation-status-done = Traduit
translation-status-current = À jour
translation-status-outdated = Obsolètes
translation-status-unknown = Non vérifiées
translation-status-missing = Manquantes
translation-status-ui-missing = Textes d’interface manquants
translation-status-outdated-title = Traductions obsolètes
translation-status-missing-title = Pages à traduire
translation-status-unknown-title = Traductions non comparées à leur original
translation-status-ui-title = Textes d’interface à traduire
translation-status-none = Rien à signaler.
translation-status-original = Original
translation-status-action-outdated = Mettre à jour la traduction
translation-status-action-missing = Traduire
translation-status-action-unknown = Vérifier la traduction
