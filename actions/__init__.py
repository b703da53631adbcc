"""Rasa custom actions: thin translations between a conversation and the libraries."""
