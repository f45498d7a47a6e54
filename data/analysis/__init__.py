"""Pure analysis on DataFrames (attainment, forecasts): no Dash, no Flask."""
