import CongVanCore
import Foundation
import Testing

@Suite("Locked values and worker threads")
struct ConcurrencyTests {
    struct Boom: Error {}

    @Test("updates from many threads are all kept")
    func everyUpdateCounts() {
        let total = LockedValue(0)
        WorkerThreads.run(4) { _ in
            for _ in 0..<10_000 { total.withLock { $0 += 1 } }
        }
        #expect(total.current == 40_000)
    }

    @Test("a body that throws leaves the lock free and its changes kept")
    func throwReleasesTheLock() {
        let value = LockedValue([Int]())
        #expect(throws: Boom.self) {
            try value.withLock { list in
                list.append(1)
                throw Boom()
            }
        }
        // A lock left taken would hang here.
        value.withLock { $0.append(2) }
        #expect(value.current == [1, 2])
    }

    @Test("each worker runs once with its own number, on a thread with a large stack")
    func workersAreNumbered() {
        let seen = LockedValue<[Int: Int]>([:])
        WorkerThreads.run(3) { worker in
            seen.withLock { $0[worker] = Thread.current.stackSize }
        }
        #expect(seen.current.keys.sorted() == [0, 1, 2])
        #expect(seen.current.values.allSatisfy { $0 >= WorkerThreads.stackSize })
    }
}
