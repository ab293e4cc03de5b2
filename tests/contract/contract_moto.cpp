// The contract suite against AWS Secrets Manager on a real moto server.
#include "ContractSuite.h"
#include "MotoFixture.h"

int main(int argc, char** argv) {
    MotoFixture fixture;
    return ContractSuite::run(fixture, argc, argv);
}
