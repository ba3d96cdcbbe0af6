# Mermaid diagrams (src/markdown/diagram.rs, static/theme/diagrams.js).

# Accessible name of a drawn diagram that has no caption and no accTitle.
diagram = 図
