"""One module per page of the web app, in the order of the year's work."""
