"""Run-time glue for Kansrijk: process supervisor, app database, web app, Rasa extensions."""
