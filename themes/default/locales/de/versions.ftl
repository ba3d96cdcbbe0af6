# Version switcher and banners (`versions:` in site.yaml).

# Label of the version switcher.
versions = Versionen
# Beside the latest release in the version switcher.
version-latest = aktuell
# Beside a version not released yet in the version switcher.
version-unreleased-note = unveröffentlicht
# Beside a version that has no copy of the page (the link leads to its section page).
version-page-missing = nicht in dieser Version
# Banner of a page of an older release. $version: its version, $latest: the latest release.
version-older = Sie lesen die Dokumentation für { $version }. Die aktuelle Version ist { $latest }.
# Banner of a page of a version not released yet. $version: its version, $latest: the latest release.
version-unreleased = Sie lesen die Dokumentation für { $version }, die noch nicht veröffentlicht ist. Die aktuelle Version ist { $latest }.
# Link of the banners to the same page in the latest release.
version-read-latest = Diese Seite in { $latest } lesen
# Link of the banners when the latest release has no such page: its section page.
version-go-latest = Zur Dokumentation von { $latest }
# Search dialog of a page of another version than the latest: what is searched.
search-in-version = Suche in { $version }
# Search dialog: the button that searches the latest release instead.
search-latest-version = Stattdessen in { $latest } suchen
