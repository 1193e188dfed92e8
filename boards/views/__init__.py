"""boards views, one module per topic; boards/urls.py names them."""
