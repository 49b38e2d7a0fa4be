from kyivcli.cli import main

main()
