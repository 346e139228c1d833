import sys

from wirelens.cli import main

sys.exit(main())
