import sys

from hemorehab.cli import main

sys.exit(main())
