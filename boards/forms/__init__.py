"""GOV.UK forms for the board's records, one module per topic."""
