# UI strings of the translation status page (site.yaml `i18n: {status_page: true}`).

translation-status-title = Translation status
# $language: the default language's name; $count: the number of its pages.
translation-status-intro = { $count ->
    [one] The site has { $count } page in { $language }. Here is how far each translation has come, and where help is needed.
   *[other] The site has { $count } pages in { $language }. Here is how far each translation has come, and where help is needed.
}
translation-status-summary = All languages
translation-status-one-language = This site is published in one language only.
translation-status-language = Language
translation-status-done = Translated
translation-status-current = Up to date
translation-status-outdated = Outdated
translation-status-unknown = Unchecked
translation-status-missing = Missing
translation-status-ui-missing = UI strings missing
translation-status-outdated-title = Outdated translations
translation-status-missing-title = Pages to translate
translation-status-unknown-title = Translations not checked against their original
translation-status-ui-title = Interface strings to translate
translation-status-none = Nothing here.
translation-status-original = Original
translation-status-action-outdated = Update the translation
translation-status-action-missing = Translate
translation-status-action-unknown = Check the translation
