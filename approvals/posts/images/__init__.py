"""A post's images: attaching them from or uploading them to the department's Wagtail
collection, their alt text, freezing them with a version, and showing them."""
