# UI strings of the default theme's onboarding layouts, in German.
# Translated from `locales/en/layouts.ftl`: same ids, same variables.

## News

news-pages = Seiten der Neuigkeiten
news-newer = Neuere Beiträge
news-older = Ältere Beiträge
news-page-of = Seite { $current } von { $total }
news-empty = Noch keine Beiträge.
news-feed = Feed abonnieren
news-release = Version { $version }
news-back = Zurück zu „{ $listing }“
release-thanks-title = Danke
release-thanks-text = { $count ->
    [one] Diese Version stammt von einer Person:
   *[other] Diese Version stammt von { $count } Mitwirkenden:
}
release-thanks-source = Autorinnen und Autoren der Commits in { $range }.

## Case studies

case-studies-filters = Fallstudien filtern
case-studies-facet-industry = Branche
case-studies-facet-region = Region
case-studies-facet-product = Produkt
case-studies-all = Alle
case-studies-count = { $count ->
    [one] 1 Fallstudie
   *[other] { $count } Fallstudien
}
case-studies-empty = Noch keine Fallstudien.
case-studies-read = Geschichte lesen
case-study-logo = Logo von { $organization }
case-study-industry = Branche
case-study-region = Region
case-study-product = Produkt
case-study-resources = Material
case-study-resource-pdf = PDF
case-study-resource-video = Video
case-study-resource-slides = Folien
case-study-resource-article = Artikel
case-study-back = Zurück zu „{ $listing }“

## Getting started

getting-started-steps = Schritte
getting-started-step = Schritt { $number }
getting-started-paths = Wählen Sie Ihren Weg
path-length = { $count ->
    [one] 1 Schritt
   *[other] { $count } Schritte
}
path-start = Los geht’s
path-step-of = Schritt { $current } von { $total }
path-navigation = { $path }: vorheriger und nächster Schritt
path-previous = Vorheriger Schritt
path-next = Nächster Schritt
path-done = Sie haben das Ende dieses Wegs erreicht.

## Directory

directory-filter = Filtern
directory-filter-placeholder = Name, Anbieter oder Beschreibung
directory-category = Kategorie
directory-all-categories = Alle Kategorien
directory-sort = Sortieren nach
directory-sort-name = Name
directory-sort-vendor = Anbieter
directory-sort-version = Version
directory-vendor = Anbieter
directory-version = Zertifizierte Version
directory-visit = Website
directory-count = { $count ->
    [one] 1 Eintrag
   *[other] { $count } Einträge
}
directory-empty = Keine passenden Einträge.

## Contributor guide

guide-issues-title = Gute erste Issues
guide-issues-intro = Für einen ersten Beitrag ausgewählte Issues. Hinterlassen Sie einen Kommentar, bevor Sie anfangen, damit niemand anderes es übernimmt.
guide-difficulty = Schwierigkeit
guide-difficulty-easy = Leicht
guide-difficulty-medium = Mittel
guide-difficulty-hard = Schwer
guide-labels = Labels
guide-contact-title = Kontakt
guide-contact-meetings = Treffen
guide-contact-chat = Chat
guide-contact-forum = Forum

## Community

community-summary = { $contributors ->
    [one] Eine Person hat
   *[other] { $contributors } Personen haben
} { $commits ->
    [one] einen Beitrag
   *[other] { $commits } Beiträge
} geleistet.
community-source-git = Gezählt aus der Git-Historie des Repositorys (ohne Merge-Commits).
community-source-data = Gezählt aus den Aufzeichnungen des Projekts.
community-percent = { $share } %
community-flag = { $organization } hat { $share } der Beiträge geleistet, mehr als { $threshold }: Das Projekt hängt stark von einer Organisation ab.
community-orgs-title = Beiträge nach Organisation
community-chart-label = Anteil der Beiträge nach Organisation
community-organization = Organisation
community-contributions = Beiträge
community-share = Anteil
community-total = Gesamt
community-unaffiliated = Unabhängig oder unbekannt
community-flagged = Über dem Schwellenwert
community-top-title = Die aktivsten Mitwirkenden
community-commits = { $count ->
    [one] 1 Beitrag
   *[other] { $count } Beiträge
}
community-empty = Noch keine Beiträge erfasst.

## Treffen (Layout `meetings`)

meetings-calendar = Zum Kalender hinzufügen (iCalendar)
# $days: how many days ahead the page lists.
meetings-window = Treffen der nächsten { $days } Tage, in Ihrer Zeitzone, wenn JavaScript läuft.
# $minutes: length of a meeting.
meetings-duration = { $minutes } Min.
meetings-cancelled = Abgesagt
meetings-moved = Verschoben
meetings-join = Teilnehmen
meetings-notes = Notizen
meetings-empty = Keine Treffen in den kommenden Wochen.

## Videos (Layout `videos`)

videos-speakers = { $count ->
    [one] Sprecher·in
   *[other] Sprecher·innen
}
videos-tags = Schlagwörter
videos-kind-talk = Vortrag
videos-kind-demo = Demo
videos-kind-meeting = Aufzeichnung eines Treffens
videos-empty = Noch keine Videos.
