package org.siamesekit.kernel;

import java.util.List;

import io.github.spencerpark.jupyter.kernel.LanguageInfo;
import io.github.spencerpark.jupyter.messages.reply.KernelInfoReply;

/** basekernel's kernel_info_reply plus the {@code status} field the message spec requires. */
final class KernelInfo extends KernelInfoReply {
    @SuppressWarnings("unused") // serialized by gson
    private final String status = "ok";

    KernelInfo(String protocolVersion, String implementation, String implementationVersion,
               LanguageInfo languageInfo, String banner, List<LanguageInfo.Help> helpLinks) {
        super(protocolVersion, implementation, implementationVersion, languageInfo, banner, helpLinks);
    }
}
