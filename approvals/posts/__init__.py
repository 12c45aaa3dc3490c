"""Official posts: writing, checking, submitting, deciding and expiring them."""
