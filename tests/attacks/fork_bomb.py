# Fork until something breaks; the pids cgroup must stop it and the host must not notice.
import os

while True:
    try:
        os.fork()
    except OSError:
        pass
