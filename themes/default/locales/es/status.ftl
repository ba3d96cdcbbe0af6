# Página del estado de las traducciones.

translation-status-title = Estado de las traducciones
translation-status-intro = { $count ->
    [one] El sitio tiene { $count } página en { $language }. Aquí se ve cuánto ha avanzado cada traducción y dónde hace falta ayuda.
   *[other] El sitio tiene { $count } páginas en { $language }. Aquí se ve cuánto ha avanzado cada traducción y dónde hace falta ayuda.
}
translation-status-summary = Todos los idiomas
translation-status-one-language = Este sitio se publica en un solo idioma.
translation-status-language = Idioma
translation-status-done = Traducido
translation-status-current = Al día
translation-status-outdated = Desactualizadas
translation-status-unknown = Sin comprobar
translation-status-missing = Pendientes
translation-status-ui-missing = Textos de interfaz pendientes
translation-status-outdated-title = Traducciones desactualizadas
translation-status-missing-title = Páginas por traducir
translation-status-unknown-title = Traducciones no comparadas con su original
translation-status-ui-title = Textos de interfaz por traducir
translation-status-none = Nada pendiente.
translation-status-original = Original
translation-status-action-outdated = Actualizar la traducción
translation-status-action-missing = Traducir
translation-status-action-unknown = Comprobar la traducción
