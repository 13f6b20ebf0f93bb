import CongVanCore

/// Whether a statement sets a goal (`target`) or reports a result (`achievement`), or neither.
///
/// The words that decide it, nearest the statement's predicate first:
/// - a negation of the predicate (`chưa đạt`, `không đạt`): neither;
/// - a forward-looking modal (`phấn đấu`, `mục tiêu`, `đăng ký`, `dự kiến`, `sẽ`, …): a target,
///   even over an arrival verb it governs (`phấn đấu được công nhận`, `đăng ký về đích`);
/// - a marker of the past (`đã`, `đến nay`, `lũy kế`, `nâng tổng số`): an achievement;
/// - an arrival verb (`công nhận`, `về đích`, `có thêm`, `hoàn thành`) not under a proposal
///   (`đề nghị công nhận`): an achievement, unless the statement's year is after the document's;
/// then the section heading, planning nouns (`chỉ tiêu`, `kế hoạch`, `đề ra`), the statement's year
/// against the document's, and the kind of document.
enum Status: String {
    case target, achievement
}

struct Modality {
    let tokens: [Token]
    /// The document's year, when known (its date, or the newest document it cites).
    var documentYear: Int?
    /// The year of the page's date line when the document has no date of its own (a web copy's
    /// `Thứ 6, 07/01/2022`): it dates results `đến nay`, but a site's banner can show the day it
    /// was read, so it never turns a result into a goal.
    var publishedYear: Int?
    /// Kế hoạch, Báo cáo, …; nil for a news item.
    var kind: String?

    typealias L = TargetLexicon

    enum Cue { case negation, forward, past, arrival, reach, proposal, weakForward, progress }

    /// The cues in `range`, each at its position.
    func cues(in range: Range<Int>) -> [(position: Int, cue: Cue)] {
        var out: [(Int, Cue)] = []
        var i = range.lowerBound
        while i < range.upperBound {
            if let p = L.match(L.negations, tokens, at: i),
                (i + p.keys.count..<min(range.upperBound, i + p.keys.count + 4)).contains(where: {
                    L.match(L.negatedVerbs, tokens, at: $0) != nil
                })
            {
                out.append((i, .negation))
            } else if let p = L.match(L.forwardCues, tokens, at: i) ?? (L.foldedCue(tokens, at: i) ? L.goal : nil) {
                let after = i + p.keys.count
                // `theo Kế hoạch số 50/KH-UBND` cites a plan.
                // `35/35 chỉ tiêu` counts indicators (the folded cues include `chi tieu`).
                let cited =
                    p.keys.last == L.plan.keys.last && after < range.upperBound
                    && (tokens[after].key == K.so || tokens[after].isNumber)
                    || i >= 1 && tokens[i - 1].isNumber
                if !(p == L.goal && tokens.matches(L.national.keys, at: after)), !cited {
                    out.append((i, .forward))
                }
                i += p.keys.count
                continue
            } else if let p = L.match(L.pastCues, tokens, at: i) {
                out.append((i, .past))
                i += p.keys.count
                continue
            } else if let p = L.match(L.proposalCues, tokens, at: i) {
                // `Hội đồng thẩm định` names the council, it proposes nothing by itself.
                let council = i >= 2 && tokens.matches(L.council.keys, at: i - 2)
                if !council { out.append((i, .proposal)) }
                i += p.keys.count
                continue
            } else if let p = L.match(L.arrivalCues, tokens, at: i) {
                out.append((i, .arrival))
                i += p.keys.count
                continue
            } else if let p = L.match(L.progressCues, tokens, at: i) {
                out.append((i, .progress))
                i += p.keys.count
                continue
            } else if tokens.matches(L.reach.keys, at: i) {
                out.append((i, .reach))
            } else if let p = L.match(L.weakTargetCues, tokens, at: i) {
                // `Kế hoạch số 50/KH-UBND` cites a plan; `so với kế hoạch` measures against one.
                // `35/35 chỉ tiêu` counts indicators.
                let cited =
                    i + p.keys.count < range.upperBound && tokens[i + p.keys.count].key == K.so
                    || i >= 1 && tokens[i - 1].isNumber
                let compared = i >= 2 && tokens.matches(L.compare.keys, at: i - 2)
                if !cited, !compared { out.append((i, .weakForward)) }
                i += p.keys.count
                continue
            }
            i += 1
        }
        return out
    }

    /// The status of a statement whose predicate spans `predicate`, read from `start` (the
    /// clause's start, or the parenthesis the statement stands in), in `clause`, with the
    /// clauses before it in its sentence (`earlier`) and its year. `communeFrame`: the statement
    /// is about communes reaching a level, so the year and the kind of document may decide it
    /// when no word does — if the statement names its year (`ownYear`) or its communes
    /// (`namesCommunes`, a level without a number: `xã A đạt chuẩn nông thôn mới`).
    func status(
        predicate: Range<Int>, from start: Int, clause: Clause, earlier: [Clause], year: YearSpan?, ownYear: Bool,
        communeFrame: Bool, namesCommunes: Bool = false, inherited: Status? = nil
    ) -> Status? {
        // An aside in parentheses that closes before the statement does not speak for it
        // (`… so với kế hoạch (mục tiêu các tỉnh là 28%), số tiêu chí bình quân đạt 14,1`).
        var asides: [Range<Int>] = []
        var open: [Int] = []
        for i in start..<predicate.lowerBound {
            if tokens[i].isPunct("(") { open.append(i) }
            if tokens[i].isPunct(")"), let o = open.popLast() { asides.append(o..<(i + 1)) }
        }
        let found = cues(in: start..<predicate.upperBound).filter { c in !asides.contains { $0.contains(c.position) } }
        // `phấn đấu xây dựng xã đạt chuẩn … trong giai đoạn tới`: an exhortation without a year.
        if !ownYear, L.contains(L.vagueFuture, tokens, in: clause.range) { return nil }
        // A negation of the predicate itself, not of a word far before it.
        if found.contains(where: { $0.cue == .negation && $0.position >= predicate.lowerBound - 6 }) { return nil }
        var sawArrival = false
        var sawProposal = false
        var sawWeak = false
        var arrivalAt: Int?
        for (position, cue) in found.reversed() {
            switch cue {
            case .forward: return .target
            case .past: return sawProposal ? nil : .achievement
            case .arrival:
                sawArrival = true
                arrivalAt = position
            case .reach:
                if communeFrame {
                    sawArrival = true
                    arrivalAt = arrivalAt ?? position
                }
            // A proposal counts where it governs the verb: `đề nghị công nhận`, `hồ sơ đề nghị`.
            case .proposal:
                if (arrivalAt ?? predicate.lowerBound) - position <= 6 { sawProposal = true }
            case .weakForward: sawWeak = true
            case .progress: return nil
            case .negation: break
            }
        }
        if let inherited, communeFrame, !sawProposal { return inherited }
        // A goal stated at the head of the sentence governs its later clauses
        // (`Phấn đấu năm 2025: 5 xã đạt chuẩn; 3 xã đạt chuẩn nâng cao`).
        for c in earlier.reversed() {
            let head = cues(in: c.range)
            if head.contains(where: { $0.cue == .forward }) { return .target }
            if head.contains(where: { $0.cue == .past }) { break }
        }
        let after = year.map { y in documentYear.map { y.year > $0 } ?? false } ?? false
        let before = year.map { y in documentYear.map { y.year < $0 } ?? false } ?? false
        // `đến cuối năm 2022, xã A đạt chuẩn` in a text of 2022: a deadline not yet past.
        if communeFrame, ownYear, !before, !sawProposal, L.contains(L.byYear, tokens, in: start..<predicate.upperBound),
            let y = year, documentYear.map({ y.year >= $0 }) ?? true
        {
            return .target
        }
        // A section of goals or of results decides a statement about communes before its verb
        // does (`PHƯƠNG HƯỚNG 2024: - 5 xã đạt chuẩn`); other statements keep the older order.
        let heading = clause.headings.reversed().lazy.compactMap { h -> Status? in
            h.results ? .achievement : h.forward ? .target : nil
        }.first
        if communeFrame, let heading, !sawProposal { return heading }
        if sawArrival, !sawProposal {
            if after { return .target }
            if !communeFrame || before || !isPlan { return .achievement }
        }
        if sawProposal, !communeFrame { return nil }
        if let heading { return heading }
        if sawWeak { return .target }
        if found.isEmpty || !communeFrame {
            let completion = L.contains([L.completion], tokens, in: clause.range)
            if completion, L.contains(L.deadline, tokens, in: clause.range), !communeFrame { return .target }
        }
        guard communeFrame, !sawProposal, ownYear || namesCommunes || (sawArrival && !isPlan) else { return nil }
        if after { return .target }
        if before { return .achievement }
        return isPlan ? .target : .achievement
    }

    /// What a statement no word decides is, by the kind of document.
    var defaultStatus: Status { isPlan ? .target : .achievement }

    /// Plans, programmes and resolutions set goals; reports, decisions of recognition and news
    /// report results.
    var isPlan: Bool {
        guard let kind else { return false }
        return ["Kế hoạch", "Chương trình", "Đề án", "Nghị quyết", "Chỉ thị", "Hướng dẫn"].contains(kind)
    }
}
