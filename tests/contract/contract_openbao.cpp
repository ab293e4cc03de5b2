// The contract suite against a real OpenBao dev server.
#include "ContractSuite.h"
#include "OpenBaoFixture.h"

int main(int argc, char** argv) {
    OpenBaoFixture fixture;
    return ContractSuite::run(fixture, argc, argv);
}
