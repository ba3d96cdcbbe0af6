# Seite zum Übersetzungsstand.

translation-status-title = Übersetzungsstand
translation-status-intro = { $count ->
    [one] Die Website hat { $count } Seite auf { $language }. Hier sehen Sie, wie weit jede Übersetzung ist und wo Hilfe gebraucht wird.
   *[other] Die Website hat { $count } Seiten auf { $language }. Hier sehen Sie, wie weit jede Übersetzung ist und wo Hilfe gebraucht wird.
}
translation-status-summary = Alle Sprachen
translation-status-one-language = Diese Website erscheint nur in einer Sprache.
translation-status-language = Sprache
translation-status-done = Übersetzt
translation-status-current = Aktuell
translation-status-outdated = Veraltet
translation-status-unknown = Ungeprüft
translation-status-missing = Fehlend
translation-status-ui-missing = Fehlende Oberflächentexte
translation-status-outdated-title = Veraltete Übersetzungen
translation-status-missing-title = Zu übersetzende Seiten
translation-status-unknown-title = Nicht mit dem Original abgeglichene Übersetzungen
translation-status-ui-title = Zu übersetzende Oberflächentexte
translation-status-none = Nichts zu tun.
translation-status-original = Original
translation-status-action-outdated = Übersetzung aktualisieren
translation-status-action-missing = Übersetzen
translation-status-action-unknown = Übersetzung prüfen
