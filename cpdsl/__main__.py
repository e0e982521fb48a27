from cpdsl.cli import main

main()
