from recsim.cli import main

raise SystemExit(main())
