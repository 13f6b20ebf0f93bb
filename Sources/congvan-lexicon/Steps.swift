import ArgumentParser

/// The builder's steps, in the order `scripts/build-lexicons.sh` runs them.
let builderSteps: [any ParsableCommand.Type] = [LanguageModelStep.self, ChannelStep.self]
