"""Figure factories: pure functions, data in, plotly figure (or SVG) out; no I/O."""
