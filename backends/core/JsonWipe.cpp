#include "JsonWipe.h"

#include <openssl/crypto.h>

namespace strongroom {

void wipeJson(nlohmann::json& document) {
    if (document.is_string()) {
        auto& text = document.get_ref<std::string&>();
        OPENSSL_cleanse(text.data(), text.size());
        text.clear();
    } else if (document.is_structured()) {
        for (auto& child : document) {
            wipeJson(child);
        }
    }
}

} // namespace strongroom
