/** A worker script that fails while loading (a broken install): the pool must give up, not restart it forever. */
throw new Error('this worker cannot load');
