// The pages take the domain's Chinese labels from the one module the server's exports read too.
export * from '../../api/src/common/labels.js';
