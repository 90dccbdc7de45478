# The web tests grade with a fake function; this file only has to exist for the loader.
