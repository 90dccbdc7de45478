# Burn CPU forever at import: the wall-clock limit ends it.
while True:
    pass
