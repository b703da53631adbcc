"""The Kansrijk web app: demo school page with the chat widget, portal and institution API."""
