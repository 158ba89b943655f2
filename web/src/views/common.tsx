/** Loading and error states shared by the views: announced to screen readers, never blank. */
export const Loading = ({ what }: { what: string }) => (
  <p class="status" role="status">
    Loading {what}…
  </p>
);

export const Failure = ({ message }: { message: string }) => (
  <p class="status error" role="alert">
    {message}
  </p>
);
