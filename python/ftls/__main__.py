"""python -m ftls: the same as the ftls console script."""

import sys

from ftls import main

sys.exit(main())
