# Version switcher and banners (`versions:` in site.yaml).

# Label of the version switcher.
versions = Versions
# Beside the latest release in the version switcher.
version-latest = dernière
# Beside a version not released yet in the version switcher.
version-unreleased-note = non publiée
# Beside a version that has no copy of the page (the link leads to its section page).
version-page-missing = absente de cette version
# Banner of a page of an older release. $version: its version, $latest: the latest release.
version-older = Vous lisez la documentation de la version { $version }. La dernière version publiée est { $latest }.
# Banner of a page of a version not released yet. $version: its version, $latest: the latest release.
version-unreleased = Vous lisez la documentation de la version { $version }, qui n’est pas encore publiée. La dernière version publiée est { $latest }.
# Link of the banners to the same page in the latest release.
version-read-latest = Lire cette page dans la version { $latest }
# Link of the banners when the latest release has no such page: its section page.
version-go-latest = Aller à la documentation de la version { $latest }
# Search dialog of a page of another version than the latest: what is searched.
search-in-version = Recherche dans la version { $version }
# Search dialog: the button that searches the latest release instead.
search-latest-version = Chercher plutôt dans la version { $latest }
