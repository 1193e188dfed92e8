"""Models arrive with their issue; the app exists so URLs and layout are in place."""
