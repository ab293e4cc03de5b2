// The contract suite against the local encrypted store.
#include "ContractSuite.h"
#include "LocalStoreFixture.h"

int main(int argc, char** argv) {
    LocalStoreFixture fixture;
    return ContractSuite::run(fixture, argc, argv);
}
