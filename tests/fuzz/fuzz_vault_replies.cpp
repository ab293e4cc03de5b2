// libFuzzer target: arbitrary bytes as a Vault/OpenBao reply body, through every reply parser.
// A parser may refuse the input (InvalidResponse) but must never crash, hang, read out of
// bounds or leak; ASan and UBSan watch for those.
#include "VaultParsers.h"

#include <cstddef>
#include <cstdint>

using namespace strongroom;
using namespace strongroom::vault;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const SecretBytes body(reinterpret_cast<const char*>(data), size);
    auto parsed = parseBody(body, 200);
    if (!parsed) {
        return 0;
    }
    const nlohmann::json& reply = parsed.value();
    (void)errorText(reply);
    (void)parseListKeys(reply);
    (void)parseKvMetadata(reply);
    (void)parseMounts(reply);
    (void)parseSingleMount(reply, QStringLiteral("secret/"));
    (void)parseCapabilities(reply, {QStringLiteral("secret/data/a"), QStringLiteral("a")});
    auto copy = reply;
    (void)parseKvV2Read(copy);
    copy = reply;
    (void)parseKvV1Read(copy);
    copy = reply;
    (void)parseLogin(copy);
    copy = reply;
    (void)parseTokenInfo(copy);
    return 0;
}
