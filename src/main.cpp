// coalign: one program, many subcommands (see src/cli/).
#include "cli/commands.hpp"

int main(int argc, char** argv) { return coalign::cli::Main(argc, argv); }
