/** Each participant's own data key and the cipher for their data: the foundation of crypto-shredding. */
package org.tend.keys;
