# UI strings of the default theme's onboarding layouts, in French.
# Translated from `locales/en/layouts.ftl`: same ids, same variables.

## News

news-pages = Pages des actualités
news-newer = Billets plus récents
news-older = Billets plus anciens
news-page-of = Page { $current } sur { $total }
news-empty = Aucun billet pour le moment.
news-feed = S’abonner au flux
news-release = Version { $version }
news-back = Retour à « { $listing } »
release-thanks-title = Merci
release-thanks-text = { $count ->
    [one] Cette version a été réalisée par une personne :
   *[other] Cette version a été réalisée par { $count } personnes :
}
release-thanks-source = Auteurs et autrices des commits de { $range }.

## Case studies

case-studies-filters = Filtrer les études de cas
case-studies-facet-industry = Secteur
case-studies-facet-region = Région
case-studies-facet-product = Produit
case-studies-all = Tout
case-studies-count = { $count ->
    [one] 1 étude de cas
   *[other] { $count } études de cas
}
case-studies-empty = Aucune étude de cas pour le moment.
case-studies-read = Lire l’histoire
case-study-logo = Logo de { $organization }
case-study-industry = Secteur
case-study-region = Région
case-study-product = Produit
case-study-resources = Ressources
case-study-resource-pdf = PDF
case-study-resource-video = Vidéo
case-study-resource-slides = Diapositives
case-study-resource-article = Article
case-study-back = Retour à « { $listing } »

## Getting started

getting-started-steps = Étapes
getting-started-step = Étape { $number }
getting-started-paths = Choisissez votre parcours
path-length = { $count ->
    [one] 1 étape
   *[other] { $count } étapes
}
path-start = Commencer
path-step-of = Étape { $current } sur { $total }
path-navigation = { $path } : étapes précédente et suivante
path-previous = Étape précédente
path-next = Étape suivante
path-done = Vous êtes arrivé au bout de ce parcours.

## Directory

directory-filter = Filtrer
directory-filter-placeholder = Nom, éditeur ou description
directory-category = Catégorie
directory-all-categories = Toutes les catégories
directory-sort = Trier par
directory-sort-name = Nom
directory-sort-vendor = Éditeur
directory-sort-version = Version
directory-vendor = Éditeur
directory-version = Version certifiée
directory-visit = Site web
directory-count = { $count ->
    [one] 1 entrée
   *[other] { $count } entrées
}
directory-empty = Aucune entrée ne correspond.

## Contributor guide

guide-issues-title = Premières contributions
guide-issues-intro = Des tickets choisis pour une première contribution. Laissez un commentaire avant de commencer, pour que personne d’autre ne s’en charge.
guide-difficulty = Difficulté
guide-difficulty-easy = Facile
guide-difficulty-medium = Moyen
guide-difficulty-hard = Difficile
guide-labels = Étiquettes
guide-contact-title = Nous contacter
guide-contact-meetings = Réunions
guide-contact-chat = Discussion
guide-contact-forum = Forum

## Community

community-summary = { $contributors ->
    [one] Une personne a fait
   *[other] { $contributors } personnes ont fait
} { $commits ->
    [one] une contribution
   *[other] { $commits } contributions
}.
community-source-git = Compté à partir de l’historique git du dépôt (commits de fusion exclus).
community-source-data = Compté à partir des registres du projet.
community-percent = { $share } %
community-flag = { $organization } a fait { $share } des contributions, plus de { $threshold } : le projet dépend fortement d’une seule organisation.
community-orgs-title = Contributions par organisation
community-chart-label = Part des contributions par organisation
community-organization = Organisation
community-contributions = Contributions
community-share = Part
community-total = Total
community-unaffiliated = Indépendants ou inconnus
community-flagged = Au-dessus du seuil
community-top-title = Principaux contributeurs
community-commits = { $count ->
    [one] 1 contribution
   *[other] { $count } contributions
}
community-empty = Aucune contribution enregistrée pour le moment.

## Réunions (mise en page `meetings`)

meetings-calendar = Ajouter à votre agenda (iCalendar)
# $days: how many days ahead the page lists.
meetings-window = Réunions des { $days } prochains jours, à votre heure locale si JavaScript s’exécute.
# $minutes: length of a meeting.
meetings-duration = { $minutes } min
meetings-cancelled = Annulée
meetings-moved = Déplacée
meetings-join = Rejoindre
meetings-notes = Notes
meetings-empty = Aucune réunion dans les semaines à venir.

## Vidéos (gabarit `videos`)

videos-speakers = { $count ->
    [one] Intervenant·e
   *[other] Intervenant·es
}
videos-tags = Mots-clés
videos-kind-talk = Conférence
videos-kind-demo = Démonstration
videos-kind-meeting = Enregistrement de réunion
videos-empty = Pas encore de vidéos.
